# rule: JUMP_OUT_OF_RANGE
mov %r0, 0
jeq %r0, 0, -3
exit
