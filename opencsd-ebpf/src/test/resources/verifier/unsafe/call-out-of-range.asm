# rule: JUMP_OUT_OF_RANGE
mov %r0, 0
call local +10
exit
