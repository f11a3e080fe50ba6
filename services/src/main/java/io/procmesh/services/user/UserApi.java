package io.procmesh.services.user;

import io.procmesh.core.rpc.AllPartitions;

import java.util.List;

/**
 * The user service, service name {@value #SERVICE}.
 */
public interface UserApi
{
    String SERVICE = "user";

    /**
     * @throws io.procmesh.core.rpc.ServiceException INVALID_ARGUMENT for a blank name or malformed email,
     *                                               CONFLICT for an email already registered.
     */
    User create(CreateUserRequest request);

    /**
     * @throws io.procmesh.core.rpc.ServiceException NOT_FOUND for an unknown id.
     */
    User get(String id);

    /**
     * @return every user, of every partition (in partition order, each by creation time).
     */
    @AllPartitions
    List<User> list();
}
