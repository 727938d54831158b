# rule: UNINITIALIZED_REGISTER
mov %r0, 0
add %r0, %r3
exit
