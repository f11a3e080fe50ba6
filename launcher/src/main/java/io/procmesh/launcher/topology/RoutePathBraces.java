package io.procmesh.launcher.topology;

/**
 * Lets a route be written as the issue and the docs write it, {@code {method: GET, path: /api/x/{id}, call: x.get}}:
 * in a YAML flow mapping a plain scalar may not hold braces, so SnakeYAML would refuse the path. Before parsing, the
 * braces of an unquoted {@code path:} value are swapped for two private-use characters (one character each, so every
 * line and column stays as written), and {@link #restore} swaps them back in the value read.
 */
final class RoutePathBraces
{
    private static final char OPEN = '\uE000';
    private static final char CLOSE = '\uE001';
    private static final String KEY = "path:";

    private RoutePathBraces()
    {
    }

    static String protect(final String text)
    {
        final StringBuilder out = new StringBuilder(text);
        int from = 0;
        for (int key = text.indexOf(KEY, from); key >= 0; key = text.indexOf(KEY, from))
        {
            from = key + KEY.length();
            if (key > 0 && !isBoundary(text.charAt(key - 1)))
            {
                continue;
            }
            int at = from;
            while (at < text.length() && text.charAt(at) == ' ')
            {
                at++;
            }
            if (at == from || at >= text.length() || text.charAt(at) != '/')
            {
                continue;
            }
            int depth = 0;
            for (; at < text.length(); at++)
            {
                final char c = text.charAt(at);
                if (c == '{')
                {
                    depth++;
                    out.setCharAt(at, OPEN);
                }
                else if (c == '}' && depth > 0)
                {
                    depth--;
                    out.setCharAt(at, CLOSE);
                }
                else if (c == '}' || c == ',' || c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '#')
                {
                    break;
                }
            }
            from = at;
        }
        return out.toString();
    }

    static String restore(final String value)
    {
        return value == null ? null : value.replace(OPEN, '{').replace(CLOSE, '}');
    }

    private static boolean isBoundary(final char c)
    {
        return c == ' ' || c == '\t' || c == '{' || c == ',' || c == '\n';
    }
}
