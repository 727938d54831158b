# rule: STACK_OUT_OF_BOUNDS
mov %r2, %r10
add %r2, -600
mov %r0, 0
stb [%r2+0], 1
exit
