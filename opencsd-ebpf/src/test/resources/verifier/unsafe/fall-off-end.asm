# rule: FALL_OFF_END
mov %r0, 0
