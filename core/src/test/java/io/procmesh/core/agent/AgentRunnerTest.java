package io.procmesh.core.agent;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 10 item 5: the runner starts its agent on the agent's thread before the first cycle and counts errors
 * beside handing them to the error handler, as Agrona's does.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class AgentRunnerTest
{
    private final List<Throwable> handled = new CopyOnWriteArrayList<>();
    private final List<String> events = new CopyOnWriteArrayList<>();

    @Test
    void shouldStartTheAgentOnItsThreadBeforeTheFirstCycle() throws InterruptedException
    {
        final CountDownLatch cycled = new CountDownLatch(1);
        final Thread[] threads = new Thread[2];
        final AgentRunner runner = new AgentRunner(new TestAgent()
        {
            @Override
            public void onStart()
            {
                threads[0] = Thread.currentThread();
                events.add("start");
            }

            @Override
            public int doWork()
            {
                if (cycled.getCount() > 0)
                {
                    threads[1] = Thread.currentThread();
                    events.add("work");
                    cycled.countDown();
                }
                return 0;
            }
        }, idle(), handled::add).start();

        assertTrue(cycled.await(10, TimeUnit.SECONDS));
        assertTrue(runner.stop(5, TimeUnit.SECONDS));
        assertEquals(List.of("start", "work", "close"), events);
        assertEquals("test-agent", threads[0].getName());
        assertSame(threads[0], threads[1]);
        assertEquals(0, runner.errorCount());
    }

    @Test
    void shouldCountEveryErrorAndHandItToTheHandler() throws InterruptedException
    {
        final CountDownLatch thrown = new CountDownLatch(3);
        final AgentRunner runner = new AgentRunner(new TestAgent()
        {
            @Override
            public int doWork()
            {
                if (thrown.getCount() > 0)
                {
                    thrown.countDown();
                    throw new IllegalStateException("cycle failed");
                }
                return 0;
            }
        }, idle(), handled::add).start();

        assertTrue(thrown.await(10, TimeUnit.SECONDS));
        assertTrue(runner.stop(5, TimeUnit.SECONDS));
        assertEquals(3, runner.errorCount());
        assertEquals(3, handled.size());
        assertEquals("cycle failed", handled.get(0).getMessage());
    }

    @Test
    void shouldNeverRunAnAgentWhoseStartFailedButStillCloseIt() throws InterruptedException
    {
        final CountDownLatch closed = new CountDownLatch(1);
        final AgentRunner runner = new AgentRunner(new TestAgent()
        {
            @Override
            public void onStart()
            {
                throw new IllegalStateException("cannot start");
            }

            @Override
            public int doWork()
            {
                events.add("work");
                return 0;
            }

            @Override
            public void onClose()
            {
                super.onClose();
                closed.countDown();
            }
        }, idle(), handled::add).start();

        assertTrue(closed.await(10, TimeUnit.SECONDS));
        assertTrue(runner.stop(5, TimeUnit.SECONDS));
        assertFalse(runner.isRunning());
        assertEquals(List.of("close"), events);
        assertEquals(1, runner.errorCount());
        assertEquals("cannot start", handled.get(0).getMessage());
    }

    @Test
    void shouldWakeAParkedAgentToStopIt() throws InterruptedException
    {
        final CountDownLatch cycled = new CountDownLatch(1);
        final AgentRunner runner = new AgentRunner(new TestAgent()
        {
            @Override
            public int doWork()
            {
                cycled.countDown();
                return 0;
            }
        }, new ParkForAMinute(), handled::add).start();
        assertTrue(cycled.await(10, TimeUnit.SECONDS));

        assertTrue(runner.stop(10, TimeUnit.SECONDS), "woken from its minute's park");
    }

    private static IdleStrategy idle()
    {
        return new BackoffIdleStrategy(0, 0, 1_000);
    }

    /**
     * An idle strategy like a heartbeat's: one long park per cycle.
     */
    private static final class ParkForAMinute implements IdleStrategy
    {
        @Override
        public void idle(final int workCount)
        {
            LockSupport.parkNanos(TimeUnit.MINUTES.toNanos(1));
        }

        @Override
        public void reset()
        {
        }

        @Override
        public String name()
        {
            return "park-for-a-minute";
        }
    }

    private class TestAgent implements Agent
    {
        @Override
        public int doWork()
        {
            return 0;
        }

        @Override
        public String roleName()
        {
            return "test-agent";
        }

        @Override
        public void onClose()
        {
            events.add("close");
        }
    }
}
