package io.procmesh.services.user;

public record CreateUserRequest(String name, String email)
{
}
