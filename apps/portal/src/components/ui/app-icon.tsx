'use client';
/** An app's icon, or a placeholder with its initials when it has none (or it fails to load). */
import { Avatar } from '@mantine/core';
import { useState } from 'react';

export function AppIcon({ name, iconUrl, size = 48 }: { name: string; iconUrl: string | null; size?: number }) {
  const [broken, setBroken] = useState(false);
  const initials = name.split(/\s+/).filter(Boolean).slice(0, 2).map((w) => [...w][0]).join('').toUpperCase();
  return (
    <Avatar src={iconUrl && !broken ? iconUrl : null} alt="" size={size} radius="md" color="blue" variant="light"
      imageProps={{ onError: () => setBroken(true) }} aria-hidden="true" data-testid="app-icon">
      {initials}
    </Avatar>
  );
}
