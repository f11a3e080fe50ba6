package io.procmesh.services;

import io.procmesh.core.rpc.ServiceException;

import java.util.regex.Pattern;

/**
 * Field checks shared by the services; each failure names its field.
 */
public final class Validation
{
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");
    public static final int MAX_TEXT_LENGTH = 200;

    private Validation()
    {
    }

    public static String requireText(final String field, final String value)
    {
        if (value == null || value.isBlank())
        {
            throw ServiceException.invalid(field, "'" + field + "' is required and must not be blank");
        }
        if (value.length() > MAX_TEXT_LENGTH)
        {
            throw ServiceException.invalid(field, "'" + field + "' is longer than " + MAX_TEXT_LENGTH + " characters");
        }
        return value.trim();
    }

    public static String requireEmail(final String field, final String value)
    {
        final String email = requireText(field, value);
        if (!EMAIL.matcher(email).matches())
        {
            throw ServiceException.invalid(field, "'" + field + "' is not a well-formed email address: " + email);
        }
        return email.toLowerCase(java.util.Locale.ROOT);
    }

    public static void requireRequest(final Object request)
    {
        if (request == null)
        {
            throw ServiceException.invalid("body", "the request body is required");
        }
    }
}
