package io.procmesh.core.service;

import org.junit.jupiter.api.Test;

import java.util.ArrayDeque;
import java.util.HashSet;
import java.util.Random;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RecentMessageIdsTest
{
    @Test
    void shouldRejectAnIdSeenWithinTheWindow()
    {
        final RecentMessageIds ids = new RecentMessageIds(4);
        assertTrue(ids.add(10));
        assertTrue(ids.add(0));
        assertFalse(ids.add(10));
        assertFalse(ids.add(0));
    }

    @Test
    void shouldForgetIdsOlderThanTheWindow()
    {
        final RecentMessageIds ids = new RecentMessageIds(2);
        assertTrue(ids.add(1));
        assertTrue(ids.add(2));
        assertTrue(ids.add(3));
        assertTrue(ids.add(1), "1 was evicted by 3");
        assertFalse(ids.add(3));
    }

    @Test
    void shouldAgreeWithAReferenceModelOnRandomTraffic()
    {
        final int window = 64;
        final RecentMessageIds ids = new RecentMessageIds(window);
        final ArrayDeque<Long> order = new ArrayDeque<>();
        final Set<Long> model = new HashSet<>();
        final Random random = new Random(7);

        for (int i = 0; i < 200_000; i++)
        {
            final long id = random.nextInt(300) - 150;
            final boolean expectedNew = !model.contains(id);
            assertEquals(expectedNew, ids.add(id), "step " + i + " id " + id);
            if (expectedNew)
            {
                order.addLast(id);
                model.add(id);
                if (order.size() > window)
                {
                    model.remove(order.removeFirst());
                }
            }
        }
    }

    @Test
    void shouldRejectAWindowWhoseTableSizeWouldOverflowWithAClearError()
    {
        for (final int window : new int[]{Integer.MAX_VALUE, 1 << 29, RecentMessageIds.MAX_WINDOW + 1, 0, -1})
        {
            final IllegalArgumentException error =
                assertThrows(IllegalArgumentException.class, () -> new RecentMessageIds(window));
            assertTrue(error.getMessage().contains("procmesh.dedupWindow"), error.getMessage());
        }
    }
}
