package org.opencsd.fuse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import org.junit.jupiter.api.Test;

class ErrnoMappingTest {

    private static void maps(Throwable t, Errno errno, boolean expected) {
        assertEquals(new ErrnoMapping.Mapped(errno, expected), ErrnoMapping.map(t), t.toString());
    }

    @Test
    void posixFailuresAreExpected() {
        maps(new ErrnoException(Errno.ENODATA), Errno.ENODATA, true);
        maps(new NoSuchFileException("x"), Errno.ENOENT, true);
        maps(new FileAlreadyExistsException("x"), Errno.EEXIST, true);
        maps(new DirectoryNotEmptyException("x"), Errno.ENOTEMPTY, true);
        maps(new NotDirectoryException("x"), Errno.ENOTDIR, true);
        maps(new AccessDeniedException("x"), Errno.EACCES, true);
        maps(new UnsupportedOperationException(), Errno.ENOSYS, true);
        maps(new UncheckedIOException(new NoSuchFileException("x")), Errno.ENOENT, true);
    }

    @Test
    void bugsAndFaultsAreEioOrEnomemAndLogged() {
        maps(new NullPointerException(), Errno.EIO, false);
        maps(new IOException("device gone"), Errno.EIO, false);
        maps(new OutOfMemoryError(), Errno.ENOMEM, false);
        maps(new StackOverflowError(), Errno.EIO, false);
    }

    @Test
    void errnoValuesAreLinuxX8664() {
        assertEquals(2, Errno.ENOENT.code());
        assertEquals(38, Errno.ENOSYS.code());
        assertEquals(61, Errno.ENODATA.code());
        assertEquals(84, Errno.EILSEQ.code());
        assertEquals(95, Errno.EOPNOTSUPP.code());
        assertEquals(Errno.ENOTEMPTY, Errno.of(39));
        assertThrows(IllegalArgumentException.class, () -> Errno.of(9999));
    }
}
