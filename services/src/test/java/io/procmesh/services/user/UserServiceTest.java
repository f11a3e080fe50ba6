package io.procmesh.services.user;

import io.procmesh.core.rpc.FailureCode;
import io.procmesh.core.rpc.Partition;
import io.procmesh.core.rpc.ServiceException;
import io.procmesh.services.ServedRequest.ManualClock;
import io.procmesh.services.MemoryStore;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.procmesh.services.ServedRequest.serve;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * UserService's logic in-process: a map for the stores, a clock moved by hand, message ids chosen by the test.
 */
class UserServiceTest
{
    private final MemoryStore<User> users = new MemoryStore<>();
    private final MemoryStore<String> emails = new MemoryStore<>();
    private final ManualClock clock = new ManualClock(1_700_000_000_000L);
    private final UserService service = new UserService(users, emails, clock);

    @Test
    void shouldStoreAUserKeyedByTheRequestsMessageIdAndStampedByTheClock()
    {
        final User user = serve(0xabcL, () -> service.create(new CreateUserRequest(" Ada ", "Ada@Example.com")));

        assertEquals(new User("u-abc", "Ada", "ada@example.com", 1_700_000_000_000L), user);
        assertEquals(user, service.get("u-abc"));
        assertEquals("u-abc", emails.get("ada@example.com"));
    }

    @Test
    void shouldReturnTheStoredUserWhenTheSameRequestIsHandledAgain()
    {
        final User first = serve(7, () -> service.create(new CreateUserRequest("Ada", "ada@example.com")));
        clock.advanceMs(5_000);
        final User again = serve(7, () -> service.create(new CreateUserRequest("Ada", "ada@example.com")));

        assertEquals(first, again);
        assertEquals(1, users.size());
    }

    @Test
    void shouldRefuseASecondUserWithTheSameEmail()
    {
        serve(1, () -> service.create(new CreateUserRequest("Ada", "ada@example.com")));

        final ServiceException refused = assertThrows(ServiceException.class,
            () -> serve(2, () -> service.create(new CreateUserRequest("Other", "ADA@example.com"))));

        assertEquals(FailureCode.CONFLICT, refused.code());
        assertEquals("email", refused.field());
        assertEquals(1, users.size());
    }

    @Test
    void shouldTakeOverAnEmailReservationWhoseUserWasNeverStored()
    {
        emails.put("ada@example.com", "u-dead");

        final User user = serve(3, () -> service.create(new CreateUserRequest("Ada", "ada@example.com")));

        assertEquals("u-3", user.id());
        assertEquals("u-3", emails.get("ada@example.com"));
    }

    @Test
    void shouldNameTheFieldOfAnInvalidRequest()
    {
        assertInvalid("name", new CreateUserRequest(" ", "ada@example.com"));
        assertInvalid("email", new CreateUserRequest("Ada", "not-an-email"));
        assertInvalid("email", new CreateUserRequest("Ada", null));
        assertInvalid("body", null);
        assertEquals(0, users.size());
        assertEquals(0, emails.size());
    }

    @Test
    void shouldAnswerNotFoundForAnUnknownOrMissingId()
    {
        assertEquals(FailureCode.NOT_FOUND, assertThrows(ServiceException.class, () -> service.get("u-none")).code());
        assertEquals(FailureCode.NOT_FOUND, assertThrows(ServiceException.class, () -> service.get(null)).code());
    }

    @Test
    void shouldListUsersOldestFirstThenById()
    {
        serve(0x20, () -> service.create(new CreateUserRequest("B", "b@example.com")));
        serve(0x10, () -> service.create(new CreateUserRequest("A", "a@example.com")));
        clock.advanceMs(1);
        serve(0x05, () -> service.create(new CreateUserRequest("C", "c@example.com")));

        assertEquals(List.of("u-10", "u-20", "u-5"), service.list().stream().map(User::id).toList());
    }

    @Test
    void shouldMakeIdsItsOwnPartitionOwnsTheSameForTheSameRequest()
    {
        final Partition second = new Partition(2, 2);
        final UserService partitioned = new UserService(users, emails, clock, second);
        int suffixed = 0;
        for (long messageId = 1; messageId <= 50; messageId++)
        {
            final long id = messageId;
            final CreateUserRequest request = new CreateUserRequest("N", ownedEmail(second, "n" + id));
            final User user = serve(id, () -> partitioned.create(request));
            assertEquals(2, Partition.partitionOf(user.id(), 2), user.id());
            assertTrue(user.id().startsWith("u-" + Long.toHexString(id)), user.id());
            suffixed += user.id().equals("u-" + Long.toHexString(id)) ? 0 : 1;
            assertEquals(user, serve(id, () -> partitioned.create(request)), "the same request makes the same id");
        }
        assertTrue(suffixed > 0 && suffixed < 50, "some plain ids belong to the other partition: " + suffixed);
        assertEquals(50, users.size());
    }

    @Test
    void shouldRefuseAKeyOfAnotherPartitionAsUnavailableNotAsMissing()
    {
        final Partition first = new Partition(1, 2);
        final Partition second = new Partition(2, 2);
        final UserService partitioned = new UserService(users, emails, clock, first);
        final ServiceException create = assertThrows(ServiceException.class,
            () -> serve(1, () -> partitioned.create(new CreateUserRequest("O", ownedEmail(second, "other")))));
        assertEquals(FailureCode.UNAVAILABLE, create.code(), create.getMessage());
        assertEquals(0, users.size(), "stored where its lookups would not find it");

        final User mine = serve(2, () -> partitioned.create(new CreateUserRequest("M", ownedEmail(first, "m"))));
        assertEquals(mine, partitioned.get(mine.id()));
        final ServiceException get = assertThrows(ServiceException.class,
            () -> partitioned.get(ownedKey(second, "u-")));
        assertEquals(FailureCode.UNAVAILABLE, get.code(), get.getMessage());
        assertTrue(get.getMessage().contains("belongs to partition 2 of 2"), get.getMessage());
        assertEquals(FailureCode.NOT_FOUND,
            assertThrows(ServiceException.class, () -> partitioned.get(ownedKey(first, "u-absent-"))).code(),
            "a key of its own partition that is not stored does not exist");
    }

    private static String ownedEmail(final Partition partition, final String local)
    {
        int n = 0;
        while (!partition.owns(local + "-" + n + "@example.com"))
        {
            n++;
        }
        return local + "-" + n + "@example.com";
    }

    /**
     * @return the prefix followed by the first number that makes a key the partition owns.
     */
    private static String ownedKey(final Partition partition, final String prefix)
    {
        int n = 0;
        while (!partition.owns(prefix + n))
        {
            n++;
        }
        return prefix + n;
    }

    private void assertInvalid(final String field, final CreateUserRequest request)
    {
        final ServiceException refused = assertThrows(ServiceException.class,
            () -> serve(9, () -> service.create(request)));
        assertEquals(FailureCode.INVALID_ARGUMENT, refused.code());
        assertEquals(field, refused.field());
    }
}
