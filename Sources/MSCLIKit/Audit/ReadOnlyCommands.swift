/// What each command does to data, for the audit trail (``DataChange``). Every command not named here records its
/// --maintenance runs; a command that only reads is named here, so that a new command is audited unless someone
/// decides otherwise.

// Commands that work on the databases whatever the mode.
extension MigrateCommand.Up { var dataChange: DataChange { dryRun ? .none : .schema } }
extension MigrateCommand.Down { var dataChange: DataChange { dryRun ? .none : .schema } }
extension MigrateCommand.Baseline { var dataChange: DataChange { .schema } }
extension SeedCommand { var dataChange: DataChange { .always } }

// Reading only (or touching no database at all).
extension MigrateCommand.Status { var dataChange: DataChange { .none } }
extension MigrateCommand.Verify { var dataChange: DataChange { .none } }
extension MigrateCommand.Wait { var dataChange: DataChange { .none } }
extension AuditCommand.List { var dataChange: DataChange { .none } }
extension DoctorCommand { var dataChange: DataChange { .none } }
extension ShellCommand { var dataChange: DataChange { .none } }
/// Reads the databases and writes only the search engine, which keeps no audit trail.
extension ReindexRebuild { var dataChange: DataChange { .none } }

extension AuthCommand.Login { var dataChange: DataChange { .none } }
extension AuthCommand.Logout { var dataChange: DataChange { .none } }
extension AuthCommand.Whoami { var dataChange: DataChange { .none } }
extension UsersCommand.List { var dataChange: DataChange { .none } }
extension UsersCommand.Get { var dataChange: DataChange { .none } }

extension ConfigCommand.List { var dataChange: DataChange { .none } }
extension ConfigCommand.Get { var dataChange: DataChange { .none } }
extension ConfigCommand.Set { var dataChange: DataChange { .none } }
extension ConfigCommand.Unset { var dataChange: DataChange { .none } }
extension ConfigCommand.Use { var dataChange: DataChange { .none } }
extension ConfigCommand.Path { var dataChange: DataChange { .none } }

extension TheatersCommand.List { var dataChange: DataChange { .none } }
extension TheatersCommand.Get { var dataChange: DataChange { .none } }
extension SeatsCommand.List { var dataChange: DataChange { .none } }
extension MoviesCommand.List { var dataChange: DataChange { .none } }
extension MoviesCommand.Get { var dataChange: DataChange { .none } }
extension ShowingsCommand.List { var dataChange: DataChange { .none } }
extension ShowingsCommand.Get { var dataChange: DataChange { .none } }
extension BookCommand.List { var dataChange: DataChange { .none } }
extension BookCommand.Get { var dataChange: DataChange { .none } }
extension BookCommand.Map { var dataChange: DataChange { .none } }
extension SearchCommand.Query { var dataChange: DataChange { .none } }
extension SearchCommand.Status { var dataChange: DataChange { .none } }
extension ScrapeCommand.History { var dataChange: DataChange { .none } }
extension ScrapeCommand.Diff { var dataChange: DataChange { .none } }

extension FoodCategoriesCommand.List { var dataChange: DataChange { .none } }
extension FoodCategoriesCommand.Get { var dataChange: DataChange { .none } }
extension FoodRestaurantsCommand.List { var dataChange: DataChange { .none } }
extension FoodRestaurantsCommand.Get { var dataChange: DataChange { .none } }
extension FoodFoodsCommand.List { var dataChange: DataChange { .none } }
extension FoodFoodsCommand.Get { var dataChange: DataChange { .none } }
extension FoodMenuCommand.List { var dataChange: DataChange { .none } }
extension FoodMenuCommand.Get { var dataChange: DataChange { .none } }
extension FoodOrdersCommand.List { var dataChange: DataChange { .none } }
extension FoodOrdersCommand.Get { var dataChange: DataChange { .none } }
extension FoodOrdersCommand.Watch { var dataChange: DataChange { .none } }
extension ReindexCommand.Rollback { var dataChange: DataChange { .none } }

/// `scrape ipos --file` stores its run in the booking database directly, with or without --maintenance.
extension ScrapeCommand.IPOs { var dataChange: DataChange { noStore ? .none : file != nil ? .always : .inMaintenanceMode } }
