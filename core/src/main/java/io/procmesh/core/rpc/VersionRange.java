package io.procmesh.core.rpc;

/**
 * A range of semantic versions a caller accepts for a service it calls, as npm writes them: {@code ^1.2.3}
 * (compatible: at least 1.2.3, below 2.0.0; below 0.3.0 for {@code ^0.2.3}, below 0.0.4 for {@code ^0.0.3}),
 * {@code ~1.2.3} (at least 1.2.3, below 1.3.0), an exact {@code 1.2.3}, a partial {@code 1.2} or {@code 1} (any
 * 1.2.x, any 1.x.y), or {@code *} (any version, none included). {@code ^1} and {@code ~1} take any 1.x.y.
 * <p>
 * A version is {@code MAJOR.MINOR.PATCH}, each a number, optionally followed by {@code -prerelease} and
 * {@code +build}. A prerelease (2.0.0-rc.1) is only in an exact range naming it, as npm keeps prereleases out of
 * ranges; build metadata is ignored. An instance without a version, or with one that is not semantic, is in no range
 * but {@code *}. No semantic-versioning library is among the project's dependencies: the grammar is small enough to
 * own, and its tests pin it.
 */
public final class VersionRange
{
    private static final int ANY = -1;

    private final String text;
    private final long min;
    /** Exclusive; Long.MAX_VALUE for no upper bound. */
    private final long maxExclusive;
    private final String exactPrerelease;
    private final boolean any;

    private VersionRange(final String text, final long min, final long maxExclusive, final String exactPrerelease,
                         final boolean any)
    {
        this.text = text;
        this.min = min;
        this.maxExclusive = maxExclusive;
        this.exactPrerelease = exactPrerelease;
        this.any = any;
    }

    /**
     * @throws IllegalArgumentException naming the range and what is wrong with it.
     */
    public static VersionRange parse(final String range)
    {
        final String text = range == null ? "" : range.trim();
        if (text.equals("*"))
        {
            return new VersionRange(text, 0, Long.MAX_VALUE, null, true);
        }
        final char operator = text.isEmpty() ? ' ' : text.charAt(0);
        final boolean caret = operator == '^';
        final boolean tilde = operator == '~';
        final String body = caret || tilde ? text.substring(1) : text;
        final String prerelease = prerelease(body);
        final String core = prerelease == null ? stripBuild(body) : stripBuild(body).substring(0,
            stripBuild(body).indexOf('-'));
        final int[] parts = parts(core, false);
        if (parts == null)
        {
            throw new IllegalArgumentException("'" + range + "' is not a version range: use ^1.2.3, ~1.2.3, 1.2.3, " +
                "1.2, 1 or *");
        }
        if (prerelease != null && (caret || tilde || parts[2] == ANY))
        {
            throw new IllegalArgumentException("'" + range + "' is not a version range: a prerelease only in an " +
                "exact version, e.g. 2.0.0-rc.1");
        }
        final int major = parts[0];
        final int minor = Math.max(parts[1], 0);
        final int patch = Math.max(parts[2], 0);
        final long min = key(major, minor, patch);
        final long max;
        if (caret && parts[1] != ANY)
        {
            max = major > 0 ? key(major + 1, 0, 0) : minor > 0 || parts[2] == ANY ? key(0, minor + 1, 0) :
                key(0, 0, patch + 1);
        }
        else if (tilde && parts[1] != ANY || !caret && !tilde && parts[1] != ANY && parts[2] == ANY)
        {
            max = key(major, minor + 1, 0);
        }
        else if (parts[1] == ANY)
        {
            max = key(major + 1, 0, 0);
        }
        else
        {
            max = key(major, minor, patch + 1);
        }
        return new VersionRange(text, min, max, prerelease, false);
    }

    /**
     * Parses the version each time: called when the directory admits an instance, at a refresh, never per call.
     *
     * @return true if the version is in the range.
     */
    public boolean matches(final String version)
    {
        if (any)
        {
            return true;
        }
        if (version == null)
        {
            return false;
        }
        final String body = stripBuild(version.trim());
        final String prerelease = prerelease(body);
        final int[] parts = parts(prerelease == null ? body : body.substring(0, body.indexOf('-')), true);
        if (parts == null)
        {
            return false;
        }
        final long key = key(parts[0], parts[1], parts[2]);
        if (prerelease != null || exactPrerelease != null)
        {
            return prerelease != null && prerelease.equals(exactPrerelease) && key == min;
        }
        return key >= min && key < maxExclusive;
    }

    @Override
    public String toString()
    {
        return text;
    }

    private static String stripBuild(final String version)
    {
        final int plus = version.indexOf('+');
        return plus < 0 ? version : version.substring(0, plus);
    }

    private static String prerelease(final String version)
    {
        final String body = stripBuild(version);
        final int dash = body.indexOf('-');
        return dash < 0 || dash == body.length() - 1 ? null : body.substring(dash + 1);
    }

    /**
     * @param full true for a version (three numbers), false for a range (one to three; missing ones {@link #ANY}).
     * @return major, minor, patch, or null if it is not that.
     */
    private static int[] parts(final String core, final boolean full)
    {
        final String[] words = core.split("\\.", -1);
        if (words.length > 3 || (full && words.length != 3))
        {
            return null;
        }
        final int[] parts = {ANY, ANY, ANY};
        for (int i = 0; i < words.length; i++)
        {
            if (words[i].isEmpty() || words[i].length() > 6 || !words[i].chars().allMatch(Character::isDigit))
            {
                return null;
            }
            parts[i] = Integer.parseInt(words[i]);
        }
        return parts;
    }

    /**
     * @return the version as one comparable number: each part below a million (checked when parsed).
     */
    private static long key(final int major, final int minor, final int patch)
    {
        return ((long)major * 1_000_000L + minor) * 1_000_000L + patch;
    }
}
