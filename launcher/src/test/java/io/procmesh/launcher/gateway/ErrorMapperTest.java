package io.procmesh.launcher.gateway;

import io.procmesh.core.rpc.FailureCode;
import io.procmesh.core.rpc.RemoteServiceException;
import io.procmesh.core.rpc.ServiceTimeoutException;
import io.procmesh.core.rpc.ServiceUnavailableException;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ErrorMapperTest
{
    private final List<Throwable> handled = new ArrayList<>();
    private final ErrorMapper mapper = new ErrorMapper(2, handled::add);

    @Test
    void shouldMapEveryFailureCodeToItsStatus()
    {
        assertEquals(400, ErrorMapper.status(FailureCode.INVALID_ARGUMENT));
        assertEquals(404, ErrorMapper.status(FailureCode.NOT_FOUND));
        assertEquals(409, ErrorMapper.status(FailureCode.CONFLICT));
        assertEquals(422, ErrorMapper.status(FailureCode.FAILED_PRECONDITION));
        assertEquals(503, ErrorMapper.status(FailureCode.UNAVAILABLE));
        assertEquals(504, ErrorMapper.status(FailureCode.DEADLINE_EXCEEDED));
        assertEquals(502, ErrorMapper.status(FailureCode.INTERNAL));
    }

    @Test
    void shouldKeepTheRemoteFieldServiceAndOperation()
    {
        final GatewayError error = mapper.map(new CompletionException(new RemoteServiceException(
            "user", "create", FailureCode.CONFLICT, "email", "x.ServiceException", "taken")), "user", "create");
        assertEquals(409, error.status());
        assertEquals("email", error.field());
        assertEquals("taken", error.message());
        assertEquals("user", error.service());
        assertEquals("create", error.operation());
    }

    @Test
    void shouldAddRetryAfterOnlyToUnavailable()
    {
        assertEquals(2, mapper.map(new ServiceUnavailableException("none"), "user", "get").retryAfterSeconds());
        assertEquals(2, mapper.unavailable("user", "get").retryAfterSeconds());
        final GatewayError timeout = mapper.map(new ServiceTimeoutException("user", "get", 100), "user", "get");
        assertEquals(504, timeout.status());
        assertEquals(0, timeout.retryAfterSeconds());
    }

    @Test
    void shouldKeepTheRemoteTypeAndMessageOfInternalErrorsOutOfTheAnswer()
    {
        final GatewayError error = mapper.map(new RemoteServiceException("echo", "fail", FailureCode.INTERNAL, null,
            "org.example.db.SqlException", "select * from users where id='u-1': /var/lib/db locked"), "echo", "fail");
        assertEquals(502, error.status());
        assertEquals("echo.fail failed with an internal error; the log of service 'echo' has the details",
            error.message());
    }

    @Test
    void shouldReportGatewayBugsToTheErrorHandler()
    {
        final IllegalStateException bug = new IllegalStateException("bug");
        final GatewayError error = mapper.map(bug, null, null);
        assertEquals(500, error.status());
        assertEquals(List.of(bug), handled);
    }

    @Test
    void shouldTagLocalRejectionsWithTheTarget()
    {
        final GatewayError error = mapper.map(
            new GatewayException(GatewayError.payloadTooLarge(10)), "user", "create");
        assertEquals(413, error.status());
        assertEquals("user", error.service());
        assertTrue(handled.isEmpty());
    }
}
