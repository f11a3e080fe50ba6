package io.procmesh.core.service;

import io.procmesh.core.Procmesh;
import io.procmesh.core.channel.OutboundChannel;
import io.procmesh.core.config.BootId;
import io.procmesh.core.config.Configuration;
import io.procmesh.core.message.Envelope;
import io.procmesh.core.message.EnvelopeCodec;
import io.procmesh.core.message.MessageKind;
import io.procmesh.core.message.PayloadFormat;
import io.procmesh.core.registry.InstanceSnapshot;
import io.procmesh.core.registry.Registration;
import io.procmesh.core.rpc.ServiceUnavailableException;
import io.procmesh.core.test.Await;
import io.procmesh.core.test.ChildJvm;
import io.procmesh.core.test.EchoApi;
import io.procmesh.core.test.EchoServiceMain;
import io.procmesh.core.test.TestDirectories;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Monotonic values persisted across a reboot (issue 9, item 6). A child JVM given another boot id through
 * {@value BootId#BOOT_ID_PROP_NAME} plays the process of the other boot.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class BootIdTest
{
    private final Path dataDir = TestDirectories.create("boot");
    private final Path handled = dataDir.resolve("handled.txt");
    private final List<ChildJvm> children = new ArrayList<>();

    @AfterEach
    void tearDown()
    {
        children.forEach(ChildJvm::close);
    }

    private ChildJvm startEchoInAnotherBoot()
    {
        final ChildJvm child = ChildJvm.start(EchoServiceMain.class, dataDir.resolve("logs/echo-1.log"),
            Duration.ofMinutes(2), List.of("-D" + BootId.BOOT_ID_PROP_NAME + "=" + UUID.randomUUID()),
            dataDir.toString(), "echo-1", handled.toString());
        children.add(child);
        child.awaitLogLine("READY echo-1", Duration.ofSeconds(60));
        return child;
    }

    @Test
    void shouldTreatAnInstanceHeartbeatingInAnotherBootAsStale()
    {
        startEchoInAnotherBoot();
        try (Procmesh mesh = Procmesh.connect(new Procmesh.Context().dataDir(dataDir).instanceId("caller-1")))
        {
            final InstanceSnapshot echo = mesh.registry().attach("echo-1").snapshot();
            assertTrue(echo.heartbeatAgeMs(System.nanoTime()) > Configuration.INSTANCE_STALE_MS_DEFAULT,
                "a heartbeat from another boot looks fresh: " + echo);
            assertThrows(ServiceUnavailableException.class,
                () -> mesh.proxy(EchoApi.class, "echo", 5_000).echo("anyone?"));
            // Not live either for registration: taken at once, though its pid runs and a minute would not be stale.
            final long startNs = System.nanoTime();
            mesh.registry().register(new Registration("echo", "echo-1", "1", ProcessHandle.current().pid(), "", ""),
                60_000);
            assertTrue(System.nanoTime() - startNs < TimeUnit.SECONDS.toNanos(10), "registration waited");
        }
    }

    @Test
    void shouldExpireRequestsWrittenInAnotherBoot() throws Exception
    {
        final EnvelopeCodec codec = new EnvelopeCodec(Configuration.maxPayloadBytes());
        try (OutboundChannel inbox = new OutboundChannel(dataDir.resolve("queues/echo/echo-1"), codec))
        {
            inbox.send(request(1, "from-the-old-boot"));
            startEchoInAnotherBoot();
            try (Procmesh mesh = Procmesh.connect(new Procmesh.Context().dataDir(dataDir).instanceId("caller-1")))
            {
                Await.until(() -> mesh.registry().attach("echo-1").snapshot().timeouts() >= 1,
                    Duration.ofSeconds(30), "the old request was not expired");
                inbox.send(request(2, "from-this-boot"));
                Await.until(() -> Files.exists(handled), Duration.ofSeconds(30), "the new request was not handled");
            }
        }
        assertEquals(List.of("from-this-boot"), Files.readAllLines(handled));
        assertFalse(Files.readString(handled).contains("old"));
    }

    private static Envelope request(final long messageId, final String token)
    {
        final Envelope envelope = new Envelope().messageId(messageId).kind(MessageKind.REQUEST).correlationId(0)
            .sourceInstance("writer-1").targetService("echo").operation("record").replyTo("")
            .sendTimeNs(System.nanoTime()).deadlineNs(System.nanoTime() + TimeUnit.MINUTES.toNanos(10))
            .payloadFormat(PayloadFormat.JSON);
        envelope.payload().write(("\"" + token + "\"").getBytes(StandardCharsets.UTF_8));
        return envelope;
    }
}
