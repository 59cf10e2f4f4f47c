# forecast 8.20 started ets from alpha = 0.5 (8.3 and later: 0.2); the M4 code ran with 8.2.
# Replaces forecast's initparam with 8.2's for the session (sourced by the other scripts here).
# forecast 8.2's starting values for ets (alpha 0.5), as the M4 benchmark code required
ip82 <- function(alpha,beta,gamma,phi,trendtype,seasontype,damped,lower,upper,m, bounds = NULL) {
  if(is.null(alpha)) { alpha <- max(lower[1] + 0.5*(upper[1]-lower[1])/m, lower[2]+2e-3); if(alpha > 1 | alpha < 0) alpha <- lower[1] + 2e-3; par <- c(alpha=alpha) } else par <- numeric(0)
  if(trendtype !="N" & is.null(beta)) { upper[2] <- min(upper[2], alpha); beta <- lower[2] + 0.1*(upper[2]-lower[2]); if(beta < 0 | beta > alpha) beta <- alpha - 1e-3; par <- c(par,beta=beta) }
  if(seasontype != "N" & is.null(gamma)) { upper[3] <- min(upper[3], 1-alpha); gamma <- lower[3] + 0.05*(upper[3]-lower[3]); if(gamma < 0 | gamma > 1-alpha) gamma <- 1-alpha-1e-3; par <- c(par,gamma=gamma) }
  if(damped & is.null(phi)) { phi <- lower[4] + .99*(upper[4]-lower[4]); if(phi < 0 | phi > 1) phi <- upper[4] - 1e-3; par <- c(par,phi=phi) }
  par
}
assignInNamespace("initparam", ip82, ns = "forecast")
