package io.procmesh.launcher.gateway;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

class RouteTest
{
    private static final Endpoint NOTHING = (request, response, callback, path) ->
    {
        throw new AssertionError("not called in these tests");
    };

    @Test
    void shouldMatchLiteralRoutesWithoutParameters()
    {
        final Route route = new Route("/api/users");
        assertSame(Route.NO_PARAMETERS, route.match("/api/users"));
        assertSame(Route.NO_PARAMETERS, route.match("/api/users/"));
        assertNull(route.match("/api/user"));
        assertNull(route.match("/api/usersx"));
        assertNull(route.match("/api/users/u-1"));
        assertNull(route.match("/api"));
        assertNull(route.match(""));
        assertNull(route.match("api/users"));
    }

    @Test
    void shouldExtractPathParameters()
    {
        final Route route = new Route("/rpc/{service}/{operation}");
        assertArrayEquals(new String[]{"user", "get"}, route.match("/rpc/user/get"));
        assertArrayEquals(new String[]{"user", "get"}, route.match("/rpc/user/get/"));
        assertNull(route.match("/rpc/user"));
        assertNull(route.match("/rpc//get"));
        assertNull(route.match("/rpc/user/get/extra"));
        assertNull(route.match("/rpx/user/get"));
    }

    @Test
    void shouldListAllowedMethodsAndRejectDuplicates()
    {
        final Route route = new Route("/api/orders");
        route.add("POST", NOTHING);
        route.add("GET", NOTHING);
        assertEquals("POST, GET, HEAD", route.allow());
        assertNotNull(route.endpoint("GET"));
        assertSame(route.endpoint("GET"), route.endpoint("HEAD"), "HEAD is served by GET");
        assertNull(route.endpoint("DELETE"));
        final Route postOnly = new Route("/rpc/{service}/{operation}");
        postOnly.add("POST", NOTHING);
        assertEquals("POST", postOnly.allow());
        assertNull(postOnly.endpoint("HEAD"));
        assertThrows(IllegalArgumentException.class, () -> route.add("GET", NOTHING));
    }

    @Test
    void shouldFindTheFirstMatchingRouteInTheTable()
    {
        final RouteTable table = RouteTable.builder()
            .add("GET", "/api/users", NOTHING)
            .add("POST", "/api/users", NOTHING)
            .add("GET", "/api/users/{id}", NOTHING)
            .build();
        assertEquals("GET, POST, HEAD", table.find("/api/users").route().allow());
        assertArrayEquals(new String[]{"u-7"}, table.find("/api/users/u-7").parameters());
        assertNull(table.find("/api/orders"));
    }

    @Test
    void shouldRejectMalformedTemplates()
    {
        assertThrows(IllegalArgumentException.class, () -> new Route("api/users"));
        assertThrows(IllegalArgumentException.class, () -> new Route("/api//users"));
        assertThrows(IllegalArgumentException.class, () -> new Route("/"));
    }
}
