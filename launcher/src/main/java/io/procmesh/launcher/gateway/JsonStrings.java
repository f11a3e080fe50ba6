package io.procmesh.launcher.gateway;

import net.openhft.chronicle.bytes.Bytes;

/**
 * Writes a string as a JSON string literal straight into a request payload, so a path parameter such as a user
 * id becomes the call's argument without Jackson and without an intermediate String or byte[].
 */
final class JsonStrings
{
    private static final byte[] HEX = "0123456789abcdef".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    private JsonStrings()
    {
    }

    static void write(final CharSequence text, final Bytes<?> out)
    {
        out.writeUnsignedByte('"');
        final int length = text.length();
        for (int i = 0; i < length; i++)
        {
            final char c = text.charAt(i);
            if (c == '"' || c == '\\')
            {
                out.writeUnsignedByte('\\').writeUnsignedByte(c);
            }
            else if (c < 0x20)
            {
                out.writeUnsignedByte('\\').writeUnsignedByte('u').writeUnsignedByte('0').writeUnsignedByte('0')
                    .writeByte(HEX[c >> 4]).writeByte(HEX[c & 0xF]);
            }
            else if (c < 0x80)
            {
                out.writeUnsignedByte(c);
            }
            else if (Character.isHighSurrogate(c) && i + 1 < length && Character.isLowSurrogate(text.charAt(i + 1)))
            {
                out.appendUtf8(Character.toCodePoint(c, text.charAt(++i)));
            }
            else
            {
                out.appendUtf8(Character.isSurrogate(c) ? '\uFFFD' : c);
            }
        }
        out.writeUnsignedByte('"');
    }
}
