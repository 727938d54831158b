# rule: STACK_OUT_OF_BOUNDS
ldxb %r0, [%r10+0]
exit
