package io.procmesh.launcher.gateway;

import java.io.ByteArrayOutputStream;
import java.util.List;

/**
 * Joins the JSON arrays the partitions of a partitioned service answered to an {@code @AllPartitions} call into one
 * array, in partition order, as bytes: the elements are copied, never parsed.
 */
final class JsonArrays
{
    private JsonArrays()
    {
    }

    /**
     * @param arrays each a JSON array (or {@code null}, taken as empty), as core writes them.
     * @throws IllegalStateException for an answer that is not a JSON array.
     */
    static byte[] concatenate(final List<byte[]> arrays)
    {
        final ByteArrayOutputStream joined = new ByteArrayOutputStream();
        joined.write('[');
        boolean first = true;
        for (final byte[] array : arrays)
        {
            int from = 0;
            int to = array.length;
            while (from < to && Character.isWhitespace(array[from]))
            {
                from++;
            }
            while (to > from && Character.isWhitespace(array[to - 1]))
            {
                to--;
            }
            if (to == from || MeshCaller.isJsonNull(java.util.Arrays.copyOfRange(array, from, to)))
            {
                continue;
            }
            if (to - from < 2 || array[from] != '[' || array[to - 1] != ']')
            {
                throw new IllegalStateException("an @AllPartitions answer is not a JSON array");
            }
            boolean empty = true;
            for (int i = from + 1; i < to - 1 && empty; i++)
            {
                empty = Character.isWhitespace(array[i]);
            }
            if (!empty)
            {
                if (!first)
                {
                    joined.write(',');
                }
                joined.write(array, from + 1, to - from - 2);
                first = false;
            }
        }
        joined.write(']');
        return joined.toByteArray();
    }
}
