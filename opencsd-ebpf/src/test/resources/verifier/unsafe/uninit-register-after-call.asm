# rule: UNINITIALIZED_REGISTER
# helper calls clobber r1-r5
mov %r1, 1
call 5
mov %r0, %r1
exit
