# rule: STACK_OUT_OF_BOUNDS
mov %r0, 0
stw [%r10-2], 1
exit
