package io.procmesh.core.config;

import java.util.regex.Pattern;

/**
 * Service, instance and topic names become directory names and registry keys, so they are kept to a safe alphabet.
 */
public final class Names
{
    public static final int MAX_LENGTH = 64;
    private static final Pattern VALID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

    private Names()
    {
    }

    public static String requireValid(final String what, final String name)
    {
        if (name == null || !VALID.matcher(name).matches())
        {
            throw new IllegalArgumentException(what + " name '" + name +
                "' is invalid: use 1 to " + MAX_LENGTH + " characters from [A-Za-z0-9._-], starting with a letter or digit");
        }
        return name;
    }
}
