"""The demand list (需求清单): buyers' renewal needs, their lifecycle and anonymisation."""
