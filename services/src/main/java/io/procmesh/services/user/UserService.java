package io.procmesh.services.user;

import io.procmesh.core.rpc.Partition;
import io.procmesh.core.rpc.RequestContext;
import io.procmesh.core.rpc.ServiceException;
import io.procmesh.core.service.ServiceContext;
import io.procmesh.core.store.StoreOptions;
import io.procmesh.services.Validation;
import io.procmesh.core.store.KeyValueStore;

import java.time.InstantSource;
import java.util.Comparator;
import java.util.List;

/**
 * Users keyed by id, plus an email index for uniqueness. The id comes from the request's message id, so the
 * same request stored twice would land on the same key.
 * <p>
 * Partitioned (the demo runs {@code partitions: 2}, {@code affinityKey: [id, email]}): create is routed by the
 * email, so the email index entry lives in the email's partition and uniqueness holds there; the new id is made to
 * belong to this same partition (a suffix counted up until {@link Partition#owns} says so, the same for the same
 * request), so get by id is routed to the partition holding the user. list reads every partition. A create or get
 * for a key of another partition is refused as UNAVAILABLE: only a caller's stale view sends one here.
 */
public final class UserService implements UserApi
{
    private final KeyValueStore<User> users;
    private final KeyValueStore<String> emails;
    private final InstantSource clock;
    private final Partition partition;

    /**
     * The deployed service: stores {@code users} and {@code emails} under the service's state directory.
     */
    public UserService(final ServiceContext context)
    {
        this(context.store("users", User.class, StoreOptions.of(100_000, 160)),
            context.store("emails", String.class, StoreOptions.of(100_000, 24)),
            InstantSource.system(), context.partition());
    }

    /**
     * For in-process tests: any stores, a clock moved by hand.
     */
    public UserService(final KeyValueStore<User> users, final KeyValueStore<String> emails, final InstantSource clock)
    {
        this(users, emails, clock, Partition.NONE);
    }

    /**
     * @param partition the partition these stores hold: ids made here belong to it.
     */
    public UserService(final KeyValueStore<User> users, final KeyValueStore<String> emails, final InstantSource clock,
        final Partition partition)
    {
        this.users = users;
        this.emails = emails;
        this.clock = clock;
        this.partition = partition;
    }

    @Override
    public User create(final CreateUserRequest request)
    {
        Validation.requireRequest(request);
        final String name = Validation.requireText("name", request.name());
        final String email = Validation.requireEmail("email", request.email());
        requireOwned("email", email);
        final String id = ownedId(RequestContext.current().messageId());

        final String owner = emails.putIfAbsent(email, id);
        if (owner != null && !owner.equals(id) && users.get(owner) != null)
        {
            // Never the owner's id: the caller may be anyone, and the id would let them read that user.
            throw ServiceException.conflict("email", "a user with email " + email + " already exists");
        }
        if (owner != null && !owner.equals(id))
        {
            // A reservation left by a crash between the two writes; its user was never stored or acknowledged.
            emails.put(email, id);
        }
        final User user = new User(id, name, email, clock.millis());
        final User existing = users.putIfAbsent(id, user);
        return existing != null ? existing : user;
    }

    /**
     * @return an id from the message id that this partition owns: about {@code count} tries on average.
     */
    private String ownedId(final long messageId)
    {
        final String base = "u-" + Long.toHexString(messageId);
        String id = base;
        for (int suffix = 1; !partition.owns(id); suffix++)
        {
            id = base + "-" + suffix;
        }
        return id;
    }

    /**
     * A caller routes by the same mapping, so a key of another partition reached this instance only through a stale
     * view of which instance serves what: answered as unavailable, never as "does not exist" (which this partition
     * cannot know) and never stored here (where the key's lookups would not find it).
     */
    private void requireOwned(final String field, final String key)
    {
        if (!partition.owns(key))
        {
            throw ServiceException.unavailable("'" + field + "' " + key + " belongs to partition " +
                Partition.partitionOf(key, partition.count()) + " of " + partition.count() +
                ", not to this instance's " + partition.index() + ": try again");
        }
    }

    @Override
    public User get(final String id)
    {
        if (id != null)
        {
            requireOwned("id", id);
        }
        final User user = id == null ? null : users.get(id);
        if (user == null)
        {
            throw ServiceException.notFound("user '" + id + "' does not exist");
        }
        return user;
    }

    @Override
    public List<User> list()
    {
        final List<User> all = users.find(user -> true);
        all.sort(Comparator.comparingLong(User::createdAtMs).thenComparing(User::id));
        return all;
    }
}
