package io.procmesh.launcher.gateway;

import io.procmesh.services.order.CreateOrderRequest;
import io.procmesh.services.user.CreateUserRequest;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class JsonRequestDecoderTest
{
    private final JsonRequestDecoder decoder = new JsonRequestDecoder();

    @Test
    void shouldDecodeAWellFormedBody()
    {
        final CreateOrderRequest order = decoder.decode(bytes("{\"userId\":\"u-1\",\"item\":\"pen\",\"quantity\":3}"),
            CreateOrderRequest.class);
        assertEquals(new CreateOrderRequest("u-1", "pen", 3), order);
    }

    @Test
    void shouldNameTheFieldOfAWrongType()
    {
        assertField("quantity", "{\"userId\":\"u-1\",\"item\":\"pen\",\"quantity\":\"3\"}", CreateOrderRequest.class);
        assertField("quantity", "{\"userId\":\"u-1\",\"item\":\"pen\",\"quantity\":1.5}", CreateOrderRequest.class);
        assertField("quantity", "{\"userId\":\"u-1\",\"item\":\"pen\",\"quantity\":true}", CreateOrderRequest.class);
        assertField("name", "{\"name\":42,\"email\":\"a@b.co\"}", CreateUserRequest.class);
        assertField("name", "{\"name\":{\"first\":\"A\"},\"email\":\"a@b.co\"}", CreateUserRequest.class);
    }

    @Test
    void shouldNameAnUnknownField()
    {
        final GatewayError error = assertField("nickname", "{\"name\":\"A\",\"nickname\":\"a\"}", CreateUserRequest.class);
        assertTrue(error.message().contains("email"), "lists the known fields: " + error.message());
    }

    @Test
    void shouldRejectMalformedEmptyAndNonObjectBodies()
    {
        final GatewayError malformed = assertField("body", "{\"name\":", CreateUserRequest.class);
        assertTrue(malformed.message().startsWith("malformed JSON at line 1"), malformed.message());
        assertTrue(!malformed.message().contains("Source"), malformed.message());
        assertField("body", "", CreateUserRequest.class);
        assertField("body", "null", CreateUserRequest.class);
        assertField("body", "[]", CreateUserRequest.class);
        assertField("body", "{\"name\":\"A\"} {}", CreateUserRequest.class);
    }

    @Test
    void shouldCheckWellFormednessOfAnyJsonValue()
    {
        decoder.requireWellFormed(bytes(""));
        decoder.requireWellFormed(bytes("\"text\""));
        decoder.requireWellFormed(bytes("[1, {\"a\": [true, null]}]"));
        decoder.requireWellFormed(bytes(" 42 "));
        assertThrows(GatewayException.class, () -> decoder.requireWellFormed(bytes("[1, 2")));
        assertThrows(GatewayException.class, () -> decoder.requireWellFormed(bytes("1 2")));
        assertThrows(GatewayException.class, () -> decoder.requireWellFormed(bytes("{'a': 1}")));
    }

    private GatewayError assertField(final String field, final String json, final Class<?> type)
    {
        final GatewayException ex = assertThrows(GatewayException.class, () -> decoder.decode(bytes(json), type));
        assertEquals(400, ex.error().status());
        assertEquals(field, ex.error().field(), ex.error().message());
        return ex.error();
    }

    private static byte[] bytes(final String text)
    {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
