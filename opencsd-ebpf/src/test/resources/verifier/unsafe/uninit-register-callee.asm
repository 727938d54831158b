# rule: UNINITIALIZED_REGISTER
# callee reads r6, which the caller's value does not initialise for it
mov %r6, 1
call local +2
mov %r0, 0
exit
mov %r0, %r6
exit
