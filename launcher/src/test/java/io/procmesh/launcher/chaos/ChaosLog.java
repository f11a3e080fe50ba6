package io.procmesh.launcher.chaos;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Everything that happened in a chaos run, shared by the clients and the nemesis: every request with its
 * outcome, every fault with its time, the users acknowledged so far.
 */
final class ChaosLog
{
    enum Kind
    {
        USER,
        ORDER,
        /** A price from the stateless pricing service, which the run scales: no write, its answer is its id. */
        QUOTE
    }

    /**
     * @param status the HTTP status, or {@link ChaosClient#CONNECT_ERROR} / {@link ChaosClient#HANG}.
     */
    record Request(Kind kind, int clientId, long startNs, long latencyNs, int status, String id, String userId,
        String item, String error)
    {
        boolean acknowledged()
        {
            return status == 201 && id != null;
        }

        long endNs()
        {
            return startNs + latencyNs;
        }
    }

    /**
     * @param recoveredNs when every instance was UP again with the faulted one replaced or resumed, or 0 if not
     *                    within the nemesis' bound after the last fault.
     */
    record Fault(String type, String target, long pid, long atNs, long endedNs, long recoveredNs)
    {
        Fault recovered(final long whenNs)
        {
            return new Fault(type, target, pid, atNs, endedNs, whenNs);
        }
    }

    private final List<Request> requests = new ArrayList<>();
    private final List<Fault> faults = new ArrayList<>();
    private final List<String> users = new ArrayList<>();

    synchronized void record(final Request request)
    {
        requests.add(request);
        if (request.kind() == Kind.USER && request.acknowledged())
        {
            users.add(request.id());
        }
    }

    synchronized void fault(final Fault fault)
    {
        faults.add(fault);
    }

    synchronized String randomUser(final ThreadLocalRandom random)
    {
        return users.isEmpty() ? null : users.get(random.nextInt(users.size()));
    }

    synchronized List<Request> requests()
    {
        return List.copyOf(requests);
    }

    synchronized List<Fault> faults()
    {
        return List.copyOf(faults);
    }
}
