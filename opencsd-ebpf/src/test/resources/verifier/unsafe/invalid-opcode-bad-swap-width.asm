# rule: INVALID_OPCODE
mov %r0, 1
be8 %r0
exit
