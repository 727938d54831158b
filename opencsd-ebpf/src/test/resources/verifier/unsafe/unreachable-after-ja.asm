# rule: UNREACHABLE
mov %r0, 0
ja +1
mov %r0, 2
exit
