# rule: STACK_OUT_OF_BOUNDS
mov %r0, 0
stdw [%r10-520], 1
exit
