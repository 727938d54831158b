# rule: WRITE_TO_R10
mov %r0, 0
stdw [%r10-8], 0
ldxdw %r10, [%r10-8]
exit
