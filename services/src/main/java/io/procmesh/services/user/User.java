package io.procmesh.services.user;

public record User(String id, String name, String email, long createdAtMs)
{
}
