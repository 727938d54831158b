package org.opencsd.ebpf.jit;

import java.lang.classfile.CodeBuilder;
import java.lang.constant.MethodTypeDesc;
import java.util.function.Consumer;

/**
 * A static method a {@link LoopEmitter} adds to the unit next to the segment that calls it: the
 * fast loop of a versioned loop, compiled by HotSpot on its own (see {@link LoopEmitter}).
 * Immutable.
 *
 * @param name the method name, unique in the unit
 * @param type its descriptor
 * @param code emits its body
 */
record LoopMethod(String name, MethodTypeDesc type, Consumer<CodeBuilder> code) {
    /** Part of every loop method's name, and of no other method's. */
    static final String MARK = "_loop";

    /** The name of the method of the loop at {@code pc} in segment {@code segment}. */
    static String name(String segment, int pc) {
        return segment + MARK + pc;
    }
}
