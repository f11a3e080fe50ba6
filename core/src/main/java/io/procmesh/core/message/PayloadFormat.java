package io.procmesh.core.message;

/**
 * How the payload bytes are to be read. RAW is the caller's own bytes; JSON is UTF-8 JSON text.
 */
public enum PayloadFormat
{
    RAW(0),
    JSON(1);

    private static final PayloadFormat[] BY_CODE = {RAW, JSON};
    private final byte code;

    PayloadFormat(final int code)
    {
        this.code = (byte)code;
    }

    public byte code()
    {
        return code;
    }

    public static PayloadFormat fromCode(final int code)
    {
        return code >= 0 && code < BY_CODE.length ? BY_CODE[code] : null;
    }
}
