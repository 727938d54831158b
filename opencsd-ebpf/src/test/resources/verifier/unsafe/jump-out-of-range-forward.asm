# rule: JUMP_OUT_OF_RANGE
mov %r0, 0
ja +5
exit
