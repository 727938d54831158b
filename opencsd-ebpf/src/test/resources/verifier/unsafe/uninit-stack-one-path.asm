# rule: UNINITIALIZED_STACK
jeq %r1, 0, +1
stdw [%r10-16], 7
ldxdw %r0, [%r10-16]
exit
