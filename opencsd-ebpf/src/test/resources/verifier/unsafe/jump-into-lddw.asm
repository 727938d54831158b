# rule: JUMP_INTO_LDDW
mov %r0, 0
ja +1
lddw %r0, 0x1122334455667788
exit
