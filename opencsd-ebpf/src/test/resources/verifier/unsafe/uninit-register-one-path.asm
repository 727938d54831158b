# rule: UNINITIALIZED_REGISTER
# r4 is written on one branch only
jeq %r1, 0, +1
mov %r4, 1
mov %r0, %r4
exit
