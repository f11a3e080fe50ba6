package io.procmesh.core.message;

/**
 * An envelope that the receiver would drop as undecodable: a payload over {@code procmesh.maxPayloadBytes}, or a
 * name over {@link EnvelopeCodec#MAX_NAME_BYTES} UTF-8 bytes. Thrown on the sending side, before any byte is
 * written, so the sender gets the error instead of its peer counting a decode error.
 */
public final class EnvelopeTooLargeException extends IllegalArgumentException
{
    public EnvelopeTooLargeException(final String message)
    {
        super(message);
    }
}
