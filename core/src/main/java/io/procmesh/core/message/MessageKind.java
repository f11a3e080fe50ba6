package io.procmesh.core.message;

/**
 * What an envelope carries. The code is the byte on the wire.
 */
public enum MessageKind
{
    REQUEST(1),
    RESPONSE(2),
    EVENT(3),
    ERROR(4);

    private static final MessageKind[] BY_CODE = {null, REQUEST, RESPONSE, EVENT, ERROR};
    private final byte code;

    MessageKind(final int code)
    {
        this.code = (byte)code;
    }

    public byte code()
    {
        return code;
    }

    /**
     * @return the kind, or null for an unknown code.
     */
    public static MessageKind fromCode(final int code)
    {
        return code > 0 && code < BY_CODE.length ? BY_CODE[code] : null;
    }
}
