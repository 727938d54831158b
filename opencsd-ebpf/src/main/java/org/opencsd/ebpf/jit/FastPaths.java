package org.opencsd.ebpf.jit;

/**
 * The fast paths of compiled loads and stores, one pair per operation, each small enough for
 * HotSpot to always inline. A predicted access ({@code ldxw(...)} etc.) takes the region's
 * cached array if the address lies in the predicted region; a frame access
 * ({@code frameLdxw(...)} etc.) indexes the cached stack array at the frame pointer's offset
 * plus a constant. Either way the array's own bounds check decides: an
 * {@link IndexOutOfBoundsException} (offset negative or past the end, or the empty array that
 * stands for an unmapped or read-only region) hands the access to {@link JitMemory}'s exact
 * path, which performs it or raises the interpreter's fault. Stateless; thread-safe.
 */
final class FastPaths {
    private FastPaths() {}

    static long ldxb(byte[] cached, long a, long region, byte[][] rd, int pc) {
        if (a >>> 32 == region) {
            try {
                return JitMemory.directLdxb(cached, (int) a);
            } catch (IndexOutOfBoundsException notInside) {
                // the exact path below decides
            }
        }
        return JitMemory.ldxb(rd, a, pc);
    }

    static long frameLdxb(byte[] stack, long fp, int off, byte[][] rd, int pc) {
        try {
            return JitMemory.directLdxb(stack, (int) fp + off);
        } catch (IndexOutOfBoundsException notInside) {
            return JitMemory.ldxb(rd, fp + off, pc);
        }
    }

    static long ldxh(byte[] cached, long a, long region, byte[][] rd, int pc) {
        if (a >>> 32 == region) {
            try {
                return JitMemory.directLdxh(cached, (int) a);
            } catch (IndexOutOfBoundsException notInside) {
                // the exact path below decides
            }
        }
        return JitMemory.ldxh(rd, a, pc);
    }

    static long frameLdxh(byte[] stack, long fp, int off, byte[][] rd, int pc) {
        try {
            return JitMemory.directLdxh(stack, (int) fp + off);
        } catch (IndexOutOfBoundsException notInside) {
            return JitMemory.ldxh(rd, fp + off, pc);
        }
    }

    static long ldxw(byte[] cached, long a, long region, byte[][] rd, int pc) {
        if (a >>> 32 == region) {
            try {
                return JitMemory.directLdxw(cached, (int) a);
            } catch (IndexOutOfBoundsException notInside) {
                // the exact path below decides
            }
        }
        return JitMemory.ldxw(rd, a, pc);
    }

    static long frameLdxw(byte[] stack, long fp, int off, byte[][] rd, int pc) {
        try {
            return JitMemory.directLdxw(stack, (int) fp + off);
        } catch (IndexOutOfBoundsException notInside) {
            return JitMemory.ldxw(rd, fp + off, pc);
        }
    }

    static long ldxdw(byte[] cached, long a, long region, byte[][] rd, int pc) {
        if (a >>> 32 == region) {
            try {
                return JitMemory.directLdxdw(cached, (int) a);
            } catch (IndexOutOfBoundsException notInside) {
                // the exact path below decides
            }
        }
        return JitMemory.ldxdw(rd, a, pc);
    }

    static long frameLdxdw(byte[] stack, long fp, int off, byte[][] rd, int pc) {
        try {
            return JitMemory.directLdxdw(stack, (int) fp + off);
        } catch (IndexOutOfBoundsException notInside) {
            return JitMemory.ldxdw(rd, fp + off, pc);
        }
    }

    static long ldxsb(byte[] cached, long a, long region, byte[][] rd, int pc) {
        if (a >>> 32 == region) {
            try {
                return JitMemory.directLdxsb(cached, (int) a);
            } catch (IndexOutOfBoundsException notInside) {
                // the exact path below decides
            }
        }
        return JitMemory.ldxsb(rd, a, pc);
    }

    static long frameLdxsb(byte[] stack, long fp, int off, byte[][] rd, int pc) {
        try {
            return JitMemory.directLdxsb(stack, (int) fp + off);
        } catch (IndexOutOfBoundsException notInside) {
            return JitMemory.ldxsb(rd, fp + off, pc);
        }
    }

    static long ldxsh(byte[] cached, long a, long region, byte[][] rd, int pc) {
        if (a >>> 32 == region) {
            try {
                return JitMemory.directLdxsh(cached, (int) a);
            } catch (IndexOutOfBoundsException notInside) {
                // the exact path below decides
            }
        }
        return JitMemory.ldxsh(rd, a, pc);
    }

    static long frameLdxsh(byte[] stack, long fp, int off, byte[][] rd, int pc) {
        try {
            return JitMemory.directLdxsh(stack, (int) fp + off);
        } catch (IndexOutOfBoundsException notInside) {
            return JitMemory.ldxsh(rd, fp + off, pc);
        }
    }

    static long ldxsw(byte[] cached, long a, long region, byte[][] rd, int pc) {
        if (a >>> 32 == region) {
            try {
                return JitMemory.directLdxsw(cached, (int) a);
            } catch (IndexOutOfBoundsException notInside) {
                // the exact path below decides
            }
        }
        return JitMemory.ldxsw(rd, a, pc);
    }

    static long frameLdxsw(byte[] stack, long fp, int off, byte[][] rd, int pc) {
        try {
            return JitMemory.directLdxsw(stack, (int) fp + off);
        } catch (IndexOutOfBoundsException notInside) {
            return JitMemory.ldxsw(rd, fp + off, pc);
        }
    }

    static void stb(byte[] cached, long a, long v, long region, byte[][] wr, byte[][] rd, int pc) {
        if (a >>> 32 == region) {
            try {
                JitMemory.directStb(cached, (int) a, v);
                return;
            } catch (IndexOutOfBoundsException notInside) {
                // the exact path below decides
            }
        }
        JitMemory.stb(wr, rd, a, v, pc);
    }

    static void frameStb(byte[] stack, long fp, int off, long v, byte[][] wr, byte[][] rd, int pc) {
        try {
            JitMemory.directStb(stack, (int) fp + off, v);
        } catch (IndexOutOfBoundsException notInside) {
            JitMemory.stb(wr, rd, fp + off, v, pc);
        }
    }

    static void sth(byte[] cached, long a, long v, long region, byte[][] wr, byte[][] rd, int pc) {
        if (a >>> 32 == region) {
            try {
                JitMemory.directSth(cached, (int) a, v);
                return;
            } catch (IndexOutOfBoundsException notInside) {
                // the exact path below decides
            }
        }
        JitMemory.sth(wr, rd, a, v, pc);
    }

    static void frameSth(byte[] stack, long fp, int off, long v, byte[][] wr, byte[][] rd, int pc) {
        try {
            JitMemory.directSth(stack, (int) fp + off, v);
        } catch (IndexOutOfBoundsException notInside) {
            JitMemory.sth(wr, rd, fp + off, v, pc);
        }
    }

    static void stw(byte[] cached, long a, long v, long region, byte[][] wr, byte[][] rd, int pc) {
        if (a >>> 32 == region) {
            try {
                JitMemory.directStw(cached, (int) a, v);
                return;
            } catch (IndexOutOfBoundsException notInside) {
                // the exact path below decides
            }
        }
        JitMemory.stw(wr, rd, a, v, pc);
    }

    static void frameStw(byte[] stack, long fp, int off, long v, byte[][] wr, byte[][] rd, int pc) {
        try {
            JitMemory.directStw(stack, (int) fp + off, v);
        } catch (IndexOutOfBoundsException notInside) {
            JitMemory.stw(wr, rd, fp + off, v, pc);
        }
    }

    static void stdw(byte[] cached, long a, long v, long region, byte[][] wr, byte[][] rd, int pc) {
        if (a >>> 32 == region) {
            try {
                JitMemory.directStdw(cached, (int) a, v);
                return;
            } catch (IndexOutOfBoundsException notInside) {
                // the exact path below decides
            }
        }
        JitMemory.stdw(wr, rd, a, v, pc);
    }

    static void frameStdw(byte[] stack, long fp, int off, long v, byte[][] wr, byte[][] rd, int pc) {
        try {
            JitMemory.directStdw(stack, (int) fp + off, v);
        } catch (IndexOutOfBoundsException notInside) {
            JitMemory.stdw(wr, rd, fp + off, v, pc);
        }
    }
}
