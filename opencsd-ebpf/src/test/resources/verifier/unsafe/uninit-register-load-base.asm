# rule: UNINITIALIZED_REGISTER
ldxw %r0, [%r5+0]
exit
