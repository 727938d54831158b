# rule: INVALID_OPCODE
# legacy packet load (LD ABS) is not supported
.raw 0x0000000000000020
mov %r0, 0
exit
