package io.procmesh.services.user;

import io.procmesh.core.service.ServiceHost;
import io.procmesh.services.ServiceRunner;
import io.procmesh.services.store.JsonStore;

import java.nio.file.Path;
import java.time.InstantSource;

public final class UserServiceMain
{
    public static void main(final String[] args) throws Exception
    {
        ServiceRunner.run(UserApi.SERVICE, mesh ->
        {
            final Path state = mesh.context().dataDirectory().state(UserApi.SERVICE);
            final var mapper = mesh.context().json().mapper();
            final JsonStore<User> users = JsonStore.open(state.resolve("users.cm"), User.class, 100_000, 160, mapper);
            final JsonStore<String> emails = JsonStore.open(state.resolve("emails.cm"), String.class, 100_000, 24, mapper);
            return new ServiceRunner.Setup(
                new ServiceHost.Context().handler(UserApi.class, new UserService(users, emails, InstantSource.system())),
                () ->
                {
                    emails.close();
                    users.close();
                });
        });
    }
}
