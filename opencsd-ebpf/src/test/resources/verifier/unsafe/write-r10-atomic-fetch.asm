# rule: WRITE_TO_R10
mov %r0, 0
stdw [%r10-8], 0
mov %r1, %r10
lock fetch add [%r1-8], %r10
exit
