package org.opencsd.fuse;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * NUL-terminated C strings to and from Java, as strict UTF-8: a name that is not valid UTF-8 is
 * refused with EILSEQ rather than silently replaced, and a Java string with a NUL is refused with
 * EINVAL (it cannot be a C string). Stateless; safe for any thread.
 */
@SuppressWarnings("restricted") // binding native code is what this class is for
final class CStrings {
    private CStrings() {}

    /** The string at {@code pointer}, a NUL-terminated C string owned by libfuse. */
    static String read(MemorySegment pointer) throws ErrnoException {
        return decode(bytes(pointer));
    }

    /** The bytes of the C string at {@code pointer}, without the terminating NUL. */
    static byte[] bytes(MemorySegment pointer) {
        try {
            long length = (long) LibFuse.STRLEN.invokeExact(pointer);
            return pointer.reinterpret(length).toArray(JAVA_BYTE);
        } catch (Throwable t) {
            throw new IllegalStateException("strlen failed", t);
        }
    }

    /** {@code bytes} as strict UTF-8. */
    static String decode(byte[] bytes) throws ErrnoException {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new ErrnoException(Errno.EILSEQ, "name is not valid UTF-8");
        }
    }

    /** A NUL-terminated UTF-8 copy of {@code s} in {@code arena}. */
    static MemorySegment allocate(Arena arena, String s) throws ErrnoException {
        if (s.indexOf('\0') >= 0) throw new ErrnoException(Errno.EINVAL, "string contains NUL");
        return arena.allocateFrom(s, StandardCharsets.UTF_8);
    }
}
