package org.opencsd.csd;

/**
 * Why a command of the computational storage device failed. Each value names one rule; the
 * {@link CsdException} carrying it says what was wrong in one line. Immutable; thread-safe.
 */
public enum CsdError {
    /** The slot number is not one of the device's slots. */
    INVALID_SLOT,
    /** Load into a slot that already holds a program (unload it first). */
    SLOT_OCCUPIED,
    /** Unload, activate or execute on a slot that holds no program. */
    SLOT_EMPTY,
    /** Activate a program that is already active. */
    ALREADY_ACTIVE,
    /** Unload an active program (deactivate it first). */
    PROGRAM_ACTIVE,
    /** Execute or deactivate a program that is not active. */
    NOT_ACTIVE,
    /** The program failed to load or to verify. */
    INVALID_PROGRAM,
    /** A request argument is malformed (an LBA range outside the namespace, too many memory ranges...). */
    INVALID_REQUEST,
    /** A memory range was used after it was freed, or an access lies outside it. */
    INVALID_MEMORY_RANGE,
    /** The execution needs more device memory than one execution may use. */
    MEMORY_LIMIT,
    /** The device memory pool had no room for the execution or allocation in time. */
    MEMORY_EXHAUSTED,
    /** The kernel ran more instructions than the limit. */
    INSTRUCTION_LIMIT,
    /** The kernel returned more data than the limit. */
    RETURN_DATA_LIMIT,
    /** The execution ran longer than the wall-time limit. */
    WALL_TIME_LIMIT,
    /** The kernel faulted (a bad memory access, a bad call). */
    KERNEL_FAULT,
    /** The execution queue is full. */
    DEVICE_BUSY,
    /** The device was closed. */
    DEVICE_CLOSED
}
