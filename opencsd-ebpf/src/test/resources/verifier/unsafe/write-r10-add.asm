# rule: WRITE_TO_R10
add %r10, 8
mov %r0, 0
exit
