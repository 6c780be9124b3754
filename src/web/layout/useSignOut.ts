import { useCallback } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { useNavigate } from 'react-router';
import { api } from '../api.ts';

/** POST /auth/logout, forget everything cached, go to the sign-in page. */
export function useSignOut(): () => Promise<void> {
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  return useCallback(async () => {
    try {
      await api<void>('POST', '/api/v1/auth/logout');
    } catch {
      // the session may already be gone; signing out locally is what matters
    }
    queryClient.clear();
    navigate('/login', { replace: true });
  }, [queryClient, navigate]);
}
