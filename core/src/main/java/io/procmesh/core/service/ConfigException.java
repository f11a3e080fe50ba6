package io.procmesh.core.service;

/**
 * A service's configuration is wrong: a key missing, of the wrong type, or a config file or overlay that cannot be
 * read. The message names the key or file and where its value came from. {@link ServiceMain} reports it as one
 * line and exit code 2 even when it escapes the implementation's constructor, like any other setup error, rather
 * than as a crash with a stack trace.
 */
public class ConfigException extends IllegalArgumentException
{
    private static final long serialVersionUID = 1L;

    public ConfigException(final String message)
    {
        super(message);
    }
}
