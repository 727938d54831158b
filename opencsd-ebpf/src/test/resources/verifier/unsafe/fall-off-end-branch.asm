# rule: FALL_OFF_END
mov %r0, 0
jeq %r1, 0, +1
exit
mov %r0, 1
